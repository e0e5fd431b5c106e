/** The demo content library covers what the issue asks for and only names things the demo cluster has. */
import { describe, expect, it } from 'vitest';
import { CONFIDENTIALITY_LEVELS, INFORMATION_KINDS } from '../domain';
import { demoCluster } from './cluster';
import { demoContent } from './content';

describe('demo content', () => {
  const cluster = demoCluster();
  const { items, lists } = demoContent();

  it('covers every kind of information, every confidentiality level, the three projects, drafts, embargoes and both languages', () => {
    expect(items.length).toBeGreaterThanOrEqual(14);
    expect(new Set(items.map((i) => i.informationKind))).toEqual(new Set(INFORMATION_KINDS));
    expect(new Set(items.map((i) => i.confidentiality))).toEqual(new Set(CONFIDENTIALITY_LEVELS));
    expect(new Set(items.map((i) => i.project).filter(Boolean))).toEqual(new Set(cluster.projects.map((p) => p.acronym)));
    expect(items.some((i) => i.status === 'draft') && items.some((i) => i.status === 'ready')).toBe(true);
    expect(items.some((i) => i.embargoUntil !== null)).toBe(true);
    expect(items.filter((i) => i.en !== null).length).toBeGreaterThan(items.length / 2);
  });

  it('names only topics, regions, projects, lists and persons of the demo cluster; circles match their level', () => {
    const emails = new Set(cluster.persons.map((p) => p.email.toLowerCase()));
    for (const list of lists) for (const e of list.emails) expect(emails.has(e.toLowerCase()), e).toBe(true);
    for (const i of items) {
      if (i.topic) expect(cluster.topics, i.de.title).toContain(i.topic);
      if (i.region) expect(cluster.regions.map((r) => r.name)).toContain(i.region);
      if (i.project) expect(cluster.projects.map((p) => p.acronym)).toContain(i.project);
      if (i.confidentiality === 'project_group') expect(cluster.projects.map((p) => p.acronym)).toContain(i.group);
      else if (i.confidentiality === 'confidential') expect(lists.map((l) => l.name)).toContain(i.group);
      else expect(i.group).toBeNull();
      for (const link of [i.link].filter((l): l is string => l !== null)) expect(link).toMatch(/^https:\/\/[^/]+\.example\//);
    }
  });
});
