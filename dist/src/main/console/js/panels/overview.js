// Overview: version, health, plugin and route counts, queue depth, cache hit rate.
import { badge, count, figures, h, percent } from '../dom.js';

async function health() {
  try {
    const response = await fetch('/observe/health', { credentials: 'omit', cache: 'no-store' });
    return (await response.json()).status || (response.ok ? 'UP' : 'DOWN');
  } catch {
    return 'unreachable';
  }
}

export default {
  id: 'overview',
  title: 'Overview',
  create(ctx) {
    return {
      async render(get) {
        const optional = (path) => get(path).catch(() => null);
        const [status, plugins, routes, jobs, cache] = await Promise.all([
          health(), get('/admin/plugins'), get('/admin/routes'), get('/admin/jobs/counts'), optional('/admin/cache')]);
        const started = plugins.filter((p) => p.state === 'STARTED').length;
        const failed = plugins.filter((p) => p.state === 'FAILED').length;
        const claimed = routes.filter((r) => r.mode !== null);
        const migrating = claimed.filter((r) => r.mode !== 'plugin').length;
        const states = jobs.states;
        return figures([
          ['Version', ctx.settings.version],
          ['Health', badge(status)],
          ['Plugins', `${count(started)} of ${count(plugins.length)} started${failed ? `, ${failed} failed` : ''}`],
          ['Routes', `${count(claimed.length)} claimed, ${count(migrating)} not in plugin mode`],
          ['Queue depth', h('span', {}, `${count(states.queued + states.failed + states.running)} waiting or running`)],
          ['Dead jobs', count(states.dead)],
          ['Cache hit rate', cache ? percent(cache.requests.hitRate) : 'no cache plugin'],
        ]);
      },
    };
  },
};
