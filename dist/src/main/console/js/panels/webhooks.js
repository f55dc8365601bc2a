// Webhooks: subscriptions with Miro's status; deliveries by state.
import { badge, count, h, table, time } from '../dom.js';

const DELIVERIES = 20;

export default {
  id: 'webhooks',
  title: 'Webhooks',
  create() {
    return {
      async render(get) {
        const [subscriptions, deliveries] = await Promise.all([
          get('/admin/webhooks/subscriptions'), get(`/admin/webhooks/deliveries?limit=${DELIVERIES}`)]);
        return [
          subscriptions.miroError ? h('p', { className: 'panel-error' }, `Miro's statuses could not be read: ${subscriptions.miroError}`) : null,
          table('Subscriptions', ['Board', 'Status', 'Status from', 'Created', 'Checked'], subscriptions.subscriptions.map((s) => [
            h('code', {}, s.boardId), badge(s.status), s.statusSource === 'miro' ? 'Miro' : 'stored', time(s.createdAt), time(s.checkedAt),
          ]), 'no subscriptions'),
          h('ul', { className: 'counts', 'aria-label': 'Deliveries by state' },
            Object.entries(deliveries.counts).map(([state, n]) => h('li', {}, badge(state), ' ', h('span', { className: 'figure' }, count(n))))),
          table(`Latest ${DELIVERIES} deliveries`, ['Received', 'Board', 'Item', 'Event', 'State', 'Attempts', 'Last error'],
            deliveries.deliveries.map((d) => [time(d.receivedAt), h('code', {}, d.boardId), h('code', {}, d.itemId), d.type,
              badge(d.state), count(d.attempts), d.lastError || '—']), 'no deliveries'),
        ];
      },
    };
  },
};
