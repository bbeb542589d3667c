/**
 * A change to a cadre's tenures or 管理权限 from the profile: after it the cadre's profile and lists and the
 * 领导班子 rosters are stale. Says `done`, then closes the modal; errors go to the modal's form.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { cadreKeys } from '../../api/queries/cadres';
import { orgKeys } from '../../api/queries/orgs';

interface FormHandlers {
  onMutate: () => void;
  onError: (e: unknown) => void;
}

export function useCadreChange<V>(mutationFn: (v: V) => Promise<unknown>, done: string, onClose: () => void, { onMutate, onError }: FormHandlers) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn,
    onMutate,
    onSuccess: async () => {
      message.success(done);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: cadreKeys.all }),
        queryClient.invalidateQueries({ queryKey: orgKeys.teams }),
      ]);
      onClose();
    },
    onError,
  });
}
