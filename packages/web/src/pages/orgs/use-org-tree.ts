/** The lazily loaded org tree: children are fetched when a node opens, and a path can be revealed. */
import type { OrgNode } from '@jiandu/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { orgsApi } from '../../api/endpoints';
import { orgKeys } from '../../api/queries/orgs';

export interface OrgTreeNode {
  key: string;
  title: string;
  isLeaf: boolean;
  org: OrgNode;
  children?: OrgTreeNode[];
}

export function useOrgTree() {
  const queryClient = useQueryClient();
  const roots = useQuery({ queryKey: orgKeys.children(null), queryFn: () => orgsApi.children() });
  const [loaded, setLoaded] = useState<Record<string, OrgNode[]>>({});
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);

  const loadChildren = useCallback(async (parentId: string, fresh = false) => {
    if (fresh) await queryClient.invalidateQueries({ queryKey: orgKeys.children(parentId) });
    const kids = await queryClient.fetchQuery({ queryKey: orgKeys.children(parentId), queryFn: () => orgsApi.children(parentId) });
    setLoaded((prev) => ({ ...prev, [parentId]: kids }));
    return kids;
  }, [queryClient]);

  const treeData = useMemo(() => {
    const build = (nodes: OrgNode[]): OrgTreeNode[] => nodes.map((org) => {
      const kids = loaded[org.id];
      return {
        key: org.id,
        title: org.name,
        isLeaf: org.childCount === 0 && !(kids && kids.length > 0),
        org,
        ...(kids ? { children: build(kids) } : {}),
      };
    });
    return build(roots.data ?? []);
  }, [roots.data, loaded]);

  /** Opens every ancestor of a node (ids from the root down, the node itself excluded). */
  const reveal = useCallback(async (ancestorIds: string[]) => {
    for (const id of ancestorIds) await loadChildren(id);
    setExpandedKeys((prev) => [...new Set([...prev, ...ancestorIds])]);
  }, [loadChildren]);

  /** After a child was added: the parent's children and the parent itself (its child count) change. */
  const refresh = useCallback(async (parentId: string | null) => {
    if (parentId) {
      await loadChildren(parentId, true);
      setExpandedKeys((prev) => (prev.includes(parentId) ? prev : [...prev, parentId]));
    }
    await queryClient.invalidateQueries({ queryKey: orgKeys.all });
  }, [loadChildren, queryClient]);

  return { roots, treeData, loadChildren, expandedKeys, setExpandedKeys, reveal, refresh };
}
