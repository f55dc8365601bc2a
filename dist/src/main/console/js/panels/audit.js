// Audit: the latest ops changes (installs, upgrades, rollbacks, removals, enables, disables, route modes), newest first.
import { badge, h, table, time } from '../dom.js';

const ENTRIES = 50;

function versions(entry) {
  if (entry.fromVersion && entry.toVersion && entry.fromVersion !== entry.toVersion) {
    return `${entry.fromVersion} → ${entry.toVersion}`;
  }
  return entry.toVersion || entry.fromVersion || '—';
}

export default {
  id: 'audit',
  title: 'Audit',
  create() {
    return {
      async render(get) {
        const entries = await get(`/admin/audit?limit=${ENTRIES}`);
        return table(`Latest ${ENTRIES} changes`, ['When', 'Who', 'Action', 'Target', 'Version', 'Outcome'],
          entries.map((e) => [time(e.at), e.actor, e.action, h('code', {}, e.target), versions(e), badge(e.outcome)]),
          'no changes recorded');
      },
    };
  },
};
