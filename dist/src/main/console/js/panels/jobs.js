// Jobs: counts by state; the list filtered by state and type, paged by the server (50 a page, so 10,000 dead jobs cost
// the page no more than 50); retry or delete one job, or every job matching the filter in one server-side call.
import { badge, count, h, table, time } from '../dom.js';

const STATES = ['queued', 'running', 'succeeded', 'failed', 'dead'];
const PAGE = 50;

export default {
  id: 'jobs',
  title: 'Jobs',
  create(ctx) {
    const filter = { state: '', type: '' };
    let cursors = [null]; // cursor of each page seen so far; the last is the current page's

    function query(extra = {}) {
      const params = new URLSearchParams();
      if (filter.state) params.set('state', filter.state);
      if (filter.type) params.set('type', filter.type);
      for (const [k, v] of Object.entries(extra)) if (v) params.set(k, v);
      return params.toString();
    }

    function setFilter(name, value) {
      filter[name] = value;
      cursors = [null];
      ctx.change(async () => {});
    }

    function matching(counts) {
      if (!filter.state) return null;
      if (filter.type) return counts.types[filter.type]?.[filter.state] ?? 0;
      return counts.states[filter.state];
    }

    async function bulk(verb, counts) {
      const n = matching(counts);
      const what = `${count(n)} ${filter.state} jobs${filter.type ? ` of type ${filter.type}` : ''}`;
      const ok = await ctx.confirm({
        title: `${verb} ${what}?`,
        body: h('p', {}, verb === 'Retry'
          ? 'They are queued again now with their attempts reset, in one call.'
          : 'They are removed from the queue for good, in one call.'),
        ok: `${verb} ${what}`,
      });
      if (!ok) return;
      cursors = [null];
      const q = query();
      await ctx.change(
        () => (verb === 'Retry' ? ctx.api.post(`/admin/jobs/retry?${q}`) : ctx.api.del(`/admin/jobs?${q}`)),
        (r) => (verb === 'Retry' ? `${count(r.retried)} jobs queued again` : `${count(r.deleted)} jobs deleted`));
    }

    function one(verb, job) {
      const id = encodeURIComponent(job.id);
      return ctx.change(() => (verb === 'Retry' ? ctx.api.post(`/admin/jobs/${id}/retry`) : ctx.api.del(`/admin/jobs/${id}`)),
        () => `Job ${job.id} ${verb === 'Retry' ? 'queued again' : 'deleted'}`);
    }

    function select(label, key, options) {
      const el = h('select', { 'aria-label': label, 'data-key': `filter-${key}`, onchange: (e) => setFilter(key, e.target.value) },
        h('option', { value: '' }, 'all'),
        options.map((o) => h('option', { value: o, selected: o === filter[key] }, o)));
      return h('label', {}, `${label} `, el);
    }

    function actions(job) {
      return h('span', { className: 'row-actions' },
        job.state === 'dead' || job.state === 'failed'
          ? h('button', { type: 'button', 'aria-label': `Retry job ${job.id}`, 'data-key': `retry-${job.id}`, 'data-change': '', onclick: () => one('Retry', job) }, 'Retry')
          : null,
        job.state !== 'running'
          ? h('button', { type: 'button', className: 'danger', 'aria-label': `Delete job ${job.id}`, 'data-key': `delete-${job.id}`, 'data-change': '', onclick: () => one('Delete', job) }, 'Delete')
          : null);
    }

    return {
      async render(get) {
        const counts = await get('/admin/jobs/counts');
        let page = await ctx.api.get(`/admin/jobs?${query({ limit: PAGE, cursor: cursors.at(-1) })}`);
        if (page.data.length === 0 && cursors.length > 1) { // the page emptied (jobs retried or deleted): back to the first
          cursors = [null];
          page = await ctx.api.get(`/admin/jobs?${query({ limit: PAGE })}`);
        }
        const n = matching(counts);
        const types = Object.keys(counts.types).sort();
        if (filter.type && !types.includes(filter.type)) types.push(filter.type);
        const stateCounts = h('ul', { className: 'counts', 'aria-label': 'Jobs by state' },
          STATES.map((s) => h('li', {}, badge(s), ' ', h('span', { className: 'figure' }, count(counts.states[s])))));
        const filters = h('div', { className: 'toolbar' },
          select('State', 'state', STATES), select('Type', 'type', types),
          h('button', { type: 'button', 'data-key': 'bulk-retry', 'data-change': '', disabled: !(filter.state === 'dead' || filter.state === 'failed') || !n,
            onclick: () => bulk('Retry', counts) }, 'Retry all matching'),
          h('button', { type: 'button', className: 'danger', 'data-key': 'bulk-delete', 'data-change': '', disabled: !filter.state || filter.state === 'running' || !n,
            onclick: () => bulk('Delete', counts) }, 'Delete all matching'));
        const list = table(`Jobs${filter.state ? ` ${filter.state}` : ''}${filter.type ? ` of type ${filter.type}` : ''}, page ${cursors.length}`,
          ['Job', 'Type', 'State', 'Attempts', 'Created', 'Last error', 'Actions'],
          page.data.map((j) => [h('code', { className: 'id' }, j.id), j.type, badge(j.state), `${j.attempts}/${j.maxAttempts}`,
            time(j.createdAt), j.lastError ? h('span', { className: 'error-text' }, j.lastError) : '—', actions(j)]),
          'no jobs match');
        const pager = h('div', { className: 'toolbar pager' },
          h('button', { type: 'button', 'data-key': 'prev', disabled: cursors.length === 1, onclick: () => { cursors.pop(); ctx.change(async () => {}); } }, 'Previous page'),
          h('span', {}, `Page ${cursors.length}${n !== null ? ` of ${Math.max(1, Math.ceil(n / PAGE))}` : ''}`),
          h('button', { type: 'button', 'data-key': 'next', disabled: !page.cursor, onclick: () => { cursors.push(page.cursor); ctx.change(async () => {}); } }, 'Next page'));
        return [stateCounts, filters, list, pager];
      },
    };
  },
};
