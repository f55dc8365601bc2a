// Cache (board-sync): entries, hit/miss/stale rates; purge one board or everything.
import { count, figures, h, percent, table } from '../dom.js';

export default {
  id: 'cache',
  title: 'Cache',
  create(ctx) {
    async function purge(boardId) {
      const ok = await ctx.confirm({
        title: boardId ? `Purge the cache of board ${boardId}?` : 'Purge the whole cache?',
        body: h('p', {}, 'The next requests are answered from Miro (misses) and cached again.'),
        ok: boardId ? `Purge cache of ${boardId}` : 'Purge the whole cache',
      });
      if (!ok) return;
      const path = boardId ? `/admin/cache/boards/${encodeURIComponent(boardId)}` : '/admin/cache';
      await ctx.change(() => ctx.api.del(path), (r) => `Removed ${Object.entries(r.removed).map(([t, n]) => `${count(n)} ${t}`).join(', ')}`);
    }

    return {
      async render(get) {
        const cache = await get('/admin/cache');
        const r = cache.requests;
        return [
          figures([
            ...Object.entries(cache.entries).map(([table_, n]) => [`Cached ${table_}`, count(n)]),
            ['In memory', count(cache.memoryEntries)],
            ['Requests', count(r.total)],
            ['Hit rate', percent(r.hitRate)], ['Miss rate', percent(r.missRate)], ['Stale rate', percent(r.staleRate)],
          ]),
          table('Cached boards', ['Board', 'Cached rows', 'Action'], (cache.boards || []).map((b) => [
            h('code', {}, b.boardId), count(b.rows),
            h('button', { type: 'button', className: 'danger', 'aria-label': `Purge cache of ${b.boardId}`, 'data-key': `purge-${b.boardId}`, 'data-change': '',
              onclick: () => purge(b.boardId) }, 'Purge'),
          ]), 'nothing cached'),
          h('div', { className: 'toolbar' },
            h('button', { type: 'button', className: 'danger', 'data-key': 'purge-all', 'data-change': '', onclick: () => purge(null) }, 'Purge the whole cache')),
        ];
      },
    };
  },
};
