// Plugins: id, version, state, routes, failure reason; enable and disable.
import { badge, h, table } from '../dom.js';

export default {
  id: 'plugins',
  title: 'Plugins',
  create(ctx) {
    async function toggle(plugin) {
      const enable = plugin.state !== 'STARTED';
      const verb = enable ? 'Enable' : 'Disable';
      const ok = await ctx.confirm({
        title: `${verb} ${plugin.id}?`,
        body: h('p', {}, enable
          ? `Its ${plugin.routes.length} routes move from the legacy service to ${plugin.id} (in their migration modes) at once.`
          : `Clients of its ${plugin.routes.length} routes get the legacy service's answers at once; its jobs wait.`),
        ok: `${verb} ${plugin.id}`,
      });
      if (!ok) return;
      await ctx.change(() => ctx.api.post(`/admin/plugins/${encodeURIComponent(plugin.id)}/${verb.toLowerCase()}`),
        (result) => `${result.id} is ${result.state}`);
    }

    return {
      async render(get) {
        const plugins = await get('/admin/plugins');
        return table('Installed plugins', ['Plugin', 'Version', 'State', 'Routes', 'Failure', 'Action'], plugins.map((p) => {
          const verb = p.state === 'STARTED' ? 'Disable' : 'Enable';
          return [
            h('strong', {}, p.id),
            p.version,
            badge(p.state),
            p.routes.length ? h('details', {}, h('summary', {}, `${p.routes.length} routes`),
              h('ul', { className: 'plain' }, p.routes.map((r) => h('li', {}, h('code', {}, r))))) : '—',
            p.failureReason || '—',
            h('button', { type: 'button', 'aria-label': `${verb} ${p.id}`, 'data-key': `toggle-${p.id}`,
              className: verb === 'Disable' ? 'danger' : 'primary', onclick: () => toggle(p) }, verb),
          ];
        }));
      },
    };
  },
};
