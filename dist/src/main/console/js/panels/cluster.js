// Cluster: the gateways sharing this store, with their heartbeats (a gone one has missed cluster.gone-after).
import { badge, h, table, time } from '../dom.js';

export default {
  id: 'cluster',
  title: 'Cluster',
  create() {
    return {
      async render(get) {
        const { instances } = await get('/admin/cluster');
        return table('Instances', ['Instance', 'Host', 'Version', 'Started', 'Heartbeat', 'State'],
          instances.map((i) => [h('code', {}, i.id), i.host, i.version, time(i.startedAt), time(i.heartbeatAt),
            badge(i.state)]),
          'no instances');
      },
    };
  },
};
