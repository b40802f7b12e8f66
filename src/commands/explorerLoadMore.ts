import type { CommandDefinition } from './registry';

/** The "Load more…" row's click: fetches the next page once, even when clicked twice. */
export const explorerLoadMore: CommandDefinition = {
  id: 'pingone.explorer.loadMore',
  async run(services, node) {
    await services.explorer.loadMore(node);
  },
};
