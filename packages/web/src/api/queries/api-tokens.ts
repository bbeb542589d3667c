/** Query keys of the 接口令牌. */

export const apiTokenKeys = {
  all: ['api-tokens'] as const,
};
