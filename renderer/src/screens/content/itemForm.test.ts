import { describe, expect, it } from 'vitest';
import { emptyForm, localProblems, saveInput } from './itemForm';

describe('item form', () => {
  it('sends only the language versions that have something, and drops the circle of another level', () => {
    const form = emptyForm();
    form.texts.de = { title: 'Titel', body: '' };
    form.groupSegmentId = 4;
    form.confidentiality = 'project_group';
    form.groupProjectId = 2;
    const input = saveInput(form);
    expect(input.texts).toEqual({ de: { title: 'Titel', body: '' } });
    expect(input).toMatchObject({ groupProjectId: 2, groupSegmentId: null, topic: null, link: null, embargoUntil: null });
  });

  it('puts each problem under its field', () => {
    const form = emptyForm();
    expect(localProblems(form).map((p) => p.field)).toEqual(['de.title']);
    form.texts.de.title = 'Titel';
    form.texts.en.body = 'Text ohne Titel';
    form.confidentiality = 'project_group';
    form.link = 'http://unsicher.example';
    const fields = localProblems(form).map((p) => p.field).sort();
    expect(fields).toEqual(['en.title', 'groupProjectId', 'link']);
    form.texts.en.body = '';
    form.link = '';
    expect(localProblems(form).map((p) => p.field)).toEqual(['groupProjectId']);
  });
});
