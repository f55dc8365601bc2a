// Plugins: id, version, state, routes, failure reason; enable and disable; install a new plugin or upload a new
// version of one (the archive's SHA-256 computed in the browser for Content-Digest), roll back, remove.
import { badge, h, table } from '../dom.js';
import { base64, sha256 } from '../sha256.js';

function routesOf(plugin) {
  return plugin.routes.length === 1 ? '1 route' : `${plugin.routes.length} routes`;
}

/** A labelled file input for a plugin archive (inside the confirmation dialog, which refreshes leave alone). */
function archiveInput(id, label) {
  const input = h('input', { type: 'file', id, accept: '.jar,.zip,application/java-archive,application/zip', required: true });
  return { input, field: h('p', { className: 'field' }, h('label', { for: id }, label), input) };
}

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
          ? `Its ${routesOf(plugin)} move from the legacy service to ${plugin.id} (in their migration modes) at once.`
          : `Clients of its ${routesOf(plugin)} get the legacy service's answers at once; its jobs wait.`),
        ok: `${verb} ${plugin.id}`,
      });
      if (!ok) return;
      await ctx.change(() => ctx.api.post(`/admin/plugins/${encodeURIComponent(plugin.id)}/${verb.toLowerCase()}`),
        (result) => `${result.id} is ${result.state}`);
    }

    /** PUTs the chosen archive with its RFC 9530 digest; 201 for a new plugin, 200 for a new version. */
    async function upload(id, file) {
      ctx.status(`Uploading ${file.name} (${(file.size / 1048576).toFixed(1)} MB) as ${id}…`);
      const bytes = await file.arrayBuffer();
      const digest = `sha-256=:${base64(await sha256(bytes))}:`;
      const type = file.name.toLowerCase().endsWith('.zip') ? 'application/zip' : 'application/java-archive';
      return ctx.api.putBytes(`/admin/plugins/${encodeURIComponent(id)}`, bytes, { 'Content-Type': type, 'Content-Digest': digest });
    }

    async function install() {
      const idInput = h('input', { type: 'text', id: 'install-id', required: true, autocomplete: 'off',
        spellcheck: false, 'aria-describedby': 'install-id-hint' });
      const archive = archiveInput('install-archive', 'Plugin archive (jar or zip)');
      const ok = await ctx.confirm({
        title: 'Install a plugin?',
        body: [
          h('p', { className: 'field' }, h('label', { for: 'install-id' }, 'Plugin id'), idInput,
            h('span', { id: 'install-id-hint', className: 'hint' }, "The archive's plugin.id")),
          archive.field,
          h('p', {}, 'The plugin starts at once and its routes take their requests from the legacy service (in their '
            + 'migration modes). The archive is checked first (digest, id, required platform version, signature): a '
            + 'refused one changes nothing.'),
        ],
        ok: 'Install plugin',
      });
      if (!ok) return;
      const id = idInput.value.trim();
      await ctx.change(() => upload(id, archive.input.files[0]), (p) => `${p.id} ${p.version} is installed and ${p.state}`);
    }

    async function upgrade(plugin) {
      const archive = archiveInput('upgrade-archive', `Archive of ${plugin.id} (jar or zip)`);
      const ok = await ctx.confirm({
        title: `Upload a new version of ${plugin.id}?`,
        body: [
          archive.field,
          h('p', {}, `Clients of its ${routesOf(plugin)} are served throughout: the new version starts beside ${plugin.version}`
            + ' and takes over its routes, jobs and services in one step once its start succeeds; requests already inside'
            + ` ${plugin.version} finish there. If the new version fails to start, ${plugin.version} keeps serving.`),
          h('p', { className: 'hint' }, `${plugin.version} is kept for a rollback.`),
        ],
        ok: `Upload ${plugin.id}`,
      });
      if (!ok) return;
      await ctx.change(() => upload(plugin.id, archive.input.files[0]), (p) => `${p.id} is now ${p.version}, ${p.state}`);
    }

    async function rollback(plugin) {
      const ok = await ctx.confirm({
        title: `Roll back ${plugin.id}?`,
        body: [
          h('p', {}, `The previous version of ${plugin.id} starts beside ${plugin.version} and takes over its ${routesOf(plugin)}`
            + ` in one step; clients are served throughout. ${plugin.version} is kept, so a second rollback returns to it.`),
          h('p', { className: 'hint' }, 'Only an uploaded plugin has a previous version.'),
        ],
        ok: `Roll back ${plugin.id}`,
      });
      if (!ok) return;
      await ctx.change(() => ctx.api.post(`/admin/plugins/${encodeURIComponent(plugin.id)}/rollback`),
        (p) => `${p.id} is back to ${p.version}, ${p.state}`);
    }

    async function remove(plugin) {
      const ok = await ctx.confirm({
        title: `Remove ${plugin.id}?`,
        body: [
          h('p', {}, `Clients of its ${routesOf(plugin)} get the legacy service's answers at once; requests already inside`
            + ` ${plugin.id} finish, then it stops and is unloaded. Its uploaded archives are deleted, so it cannot be rolled back.`),
          h('p', { className: 'hint' }, 'Only an uploaded plugin can be removed; disable a bundled one instead.'),
        ],
        ok: `Remove ${plugin.id}`,
      });
      if (!ok) return;
      await ctx.change(() => ctx.api.del(`/admin/plugins/${encodeURIComponent(plugin.id)}`), () => `${plugin.id} is removed`);
    }

    function actions(p) {
      const verb = p.state === 'STARTED' ? 'Disable' : 'Enable';
      const button = (label, key, className, onclick, text) => h('button', {
        type: 'button', 'aria-label': label, 'data-key': `${key}-${p.id}`, 'data-change': '', className, onclick,
      }, text);
      return h('div', { className: 'row-actions wrap' },
        button(`${verb} ${p.id}`, 'toggle', verb === 'Disable' ? 'danger' : 'primary', () => toggle(p), verb),
        button(`Upload a new version of ${p.id}`, 'upgrade', '', () => upgrade(p), 'Upload…'),
        button(`Roll back ${p.id}`, 'rollback', '', () => rollback(p), 'Roll back'),
        button(`Remove ${p.id}`, 'remove', 'danger', () => remove(p), 'Remove'));
    }

    return {
      async render(get) {
        const plugins = await get('/admin/plugins');
        return [
          table('Installed plugins', ['Plugin', 'Version', 'State', 'Routes', 'Failure', 'Actions'], plugins.map((p) => [
            h('strong', {}, p.id),
            p.version,
            badge(p.state),
            p.routes.length ? h('details', {}, h('summary', {}, routesOf(p)),
              h('ul', { className: 'plain' }, p.routes.map((r) => h('li', {}, h('code', {}, r))))) : '—',
            p.failureReason || '—',
            actions(p),
          ])),
          h('div', { className: 'toolbar' },
            h('button', { type: 'button', className: 'primary', 'data-key': 'install', 'data-change': '', onclick: install },
              'Install a plugin')),
        ];
      },
    };
  },
};
