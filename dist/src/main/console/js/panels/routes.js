// Routes: owner, mode, canary share and match rate of each claimed route; mode changes with a confirmation that says
// what changes for clients; the latest mismatches grouped by JSON path with counts and both values.
import { count, figures, h, percent, table } from '../dom.js';

const MODES = ['plugin', 'canary', 'shadow', 'legacy-vs-legacy', 'legacy'];

/** What clients get in a mode (the confirmation shows it for the current and the chosen mode). */
function clientsGet(mode, route, canaryPercent) {
  switch (mode) {
    case 'plugin': return `Clients get ${route.plugin}'s answers.`;
    case 'legacy': return `Clients get the legacy service's answers; ${route.plugin}'s claim is ignored.`;
    case 'canary': return `${canaryPercent} % of clients (sticky per client) get ${route.plugin}'s answers, the others the legacy service's.`;
    case 'shadow': return `Clients get the legacy service's answers; each GET or HEAD also runs ${route.plugin} on a copy and the two answers are compared.`;
    case 'legacy-vs-legacy': return "Clients get the legacy service's answers; each GET or HEAD is sent to legacy twice and the answers compared, to find unstable fields.";
    default: return '';
  }
}

function routeName(route) {
  return `${route.method} ${route.path}`;
}

/** Mismatch reports' differences grouped by path: count, change, and the newest report's two values. */
function groupByPath(reports) {
  const groups = new Map();
  for (const report of reports) {
    for (const d of report.differences || []) {
      const group = groups.get(d.path) || { path: d.path, change: d.change, count: 0, legacy: d.legacy, other: d.plugin ?? d.legacyAgain };
      group.count++;
      groups.set(d.path, group);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.path.localeCompare(b.path));
}

function value(v) {
  return v === undefined ? h('em', {}, 'absent') : h('code', {}, typeof v === 'string' ? v : JSON.stringify(v));
}

export default {
  id: 'routes',
  title: 'Routes',
  create(ctx) {
    const expanded = new Set();

    async function switchMode(route, select) {
      const mode = select.value;
      const name = routeName(route);
      const share = h('input', { type: 'number', min: 0, max: 100, step: 'any', value: route.canaryPercent ?? 10, id: 'canary-share' });
      const body = [
        h('p', {}, h('strong', {}, 'Now: '), clientsGet(route.mode, route, route.canaryPercent)),
        h('p', {}, h('strong', {}, 'After: '), clientsGet(mode, route, 'The chosen share of')),
        mode === 'canary' ? h('p', {}, h('label', { for: 'canary-share' }, 'Canary share (%) '), share) : null,
        h('p', { className: 'hint' }, 'The change applies to the next request, on every gateway sharing the database.'),
      ];
      const ok = await ctx.confirm({ title: `Switch ${name} to ${mode}?`, body, ok: `Switch to ${mode}` });
      if (!ok) {
        select.value = route.mode;
        return;
      }
      const request = { mode, fallbackToLegacy: route.fallbackToLegacy, ignoreFields: route.ignoreFields };
      if (mode === 'canary') request.canaryPercent = Number(share.value);
      if (mode === 'shadow' || mode === 'legacy-vs-legacy') expanded.add(route.id);
      await ctx.change(() => ctx.api.put(`/admin/routes/${encodeURIComponent(route.id)}/mode`, request),
        () => `${name} is in ${mode} mode`);
    }

    function modeControl(route) {
      if (route.mode === null) return '—';
      const select = h('select', { 'aria-label': `Mode of ${routeName(route)}`, 'data-key': `mode-${route.id}`, 'data-change': '' },
        MODES.map((m) => h('option', { value: m, selected: m === route.mode }, m)));
      select.addEventListener('change', () => switchMode(route, select));
      return h('span', {}, select, route.modeSource ? h('span', { className: 'hint' }, ` (${route.modeSource})`) : null);
    }

    function diffsToggle(route) {
      if (route.mode === null) return '—';
      const open = expanded.has(route.id);
      return h('button', { type: 'button', 'aria-expanded': String(open), 'aria-label': `Diffs of ${routeName(route)}`,
        'data-key': `diffs-${route.id}`, onclick: () => {
          if (open) expanded.delete(route.id); else expanded.add(route.id);
          ctx.change(async () => {});
        } }, open ? 'Hide diffs' : 'Diffs');
    }

    async function diffs(route) {
      const report = await ctx.api.get(`/admin/routes/${encodeURIComponent(route.id)}/diffs?limit=50`);
      const kind = route.mode === 'legacy-vs-legacy' || (report.shadow.compared === 0 && report.legacyVsLegacy.compared > 0)
        ? ['legacyVsLegacy', 'legacy again'] : ['shadow', route.plugin];
      const counts = report[kind[0]];
      const groups = groupByPath(counts.mismatches);
      return h('section', { className: 'diffs', 'aria-label': `Diffs of ${routeName(route)}` },
        h('h3', {}, `Diffs of ${routeName(route)} (${kind[0] === 'shadow' ? 'shadow' : 'legacy-vs-legacy'})`),
        figures([
          ['Compared', count(counts.compared)], ['Matching', count(counts.matching)],
          ['Mismatching', count(counts.mismatching)], ['Match rate', percent(counts.matchRate)],
          ['Plugin errors', count(counts.pluginErrors)], ['Skipped', count(counts.skipped)],
        ]),
        table(`Latest ${counts.mismatches.length} mismatches by JSON path`, ['JSON path', 'Change', 'Count', 'Legacy', kind[1]],
          groups.map((g) => [h('code', {}, g.path), g.change, count(g.count), value(g.legacy), value(g.other)]),
          'no mismatches recorded'));
    }

    return {
      async render(get) {
        const routes = await get('/admin/routes');
        const rows = routes.map((r) => [
          h('code', {}, routeName(r)), r.plugin, modeControl(r),
          r.mode === 'canary' ? `${r.canaryPercent} %` : '—', percent(r.matchRate), diffsToggle(r)]);
        const details = await Promise.all(routes.filter((r) => expanded.has(r.id)).map(diffs));
        return [table('Route table', ['Route', 'Owner', 'Mode', 'Canary', 'Match rate', 'Diffs'], rows), ...details];
      },
    };
  },
};
