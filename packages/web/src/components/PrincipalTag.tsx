import { Tag } from 'antd';

/** The red mark of the principal leader of a unit. */
export function PrincipalTag() {
  return <Tag color="red" style={{ marginInlineEnd: 0 }}>一把手</Tag>;
}
