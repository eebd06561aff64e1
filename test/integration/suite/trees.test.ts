import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, openSession, waitFor } from './support';

async function labels(tree: vscode.TreeDataProvider<unknown>, node?: unknown): Promise<{ label: string; description: string }[]> {
  const children = (await tree.getChildren(node)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = await tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return { label, description: typeof item.description === 'string' ? item.description : '' };
    }),
  );
}

describe('Sessions sidebar', () => {
  it('shows goals, phases, speakers and codes of the active session', async () => {
    await openSession('C-017/04-sleep-window.session.md');
    const { currentSessionTree: tree } = await api();
    const top = await waitFor('the Current Session tree', async () => {
      const items = await labels(tree);
      return items.length > 0 ? items : undefined;
    });
    assert.deepEqual(top.map((i) => i.label), ['Goals', 'Phases', 'Speakers', 'Codes']);
    const roots = (await tree.getChildren())!;
    const goals = await labels(tree, roots[0]);
    assert.deepEqual(goals.map((g) => g.label), ['sleep', 'mood', 'choir', 'running']);
    const phases = await labels(tree, roots[1]);
    assert.deepEqual(phases.map((p) => p.label), ['Beginning', 'Middle', 'Termination']);
    assert.ok(phases.every((p) => /^\d+ turns? · \d+%$/.test(p.description)), JSON.stringify(phases));
    const speakers = await labels(tree, roots[2]);
    assert.deepEqual(speakers.map((s) => s.label.split(' ')[0]), ['T', 'C', 'P']);
  });

  it('lists the workspace sessions by client, ordered by session number', async () => {
    const { allSessionsTree: tree } = await api();
    const groups = await waitFor('the All Sessions tree', async () => {
      const items = await labels(tree);
      return items.some((i) => i.label === 'C-017') ? items : undefined;
    });
    assert.ok(groups.some((g) => g.label === 'C-017'));
    const roots = (await tree.getChildren())!;
    const course = roots[groups.findIndex((g) => g.label === 'C-017')];
    const sessions = await labels(tree, course);
    assert.deepEqual(sessions.map((s) => s.label.split(' · ')[0]), ['Session 1', 'Session 4', 'Session 8']);
    assert.deepEqual(sessions.map((s) => s.description), ['3/3 phases · 0 problems', '3/3 phases · 0 problems', '3/3 phases · 0 problems']);
  });
});
