import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery, referenceProblems, renameReferences, type KnownNames, type Rule } from './query';

const w = (text: string): Rule => ({ type: 'word', text });
const f = (key: Extract<Rule, { type: 'filter' }>['key'], value: string, op: Extract<Rule, { type: 'filter' }>['op'] = '='): Rule => ({ type: 'filter', key, op, value });
const and = (...children: Rule[]): Rule => ({ type: 'and', children });
const or = (...children: Rule[]): Rule => ({ type: 'or', children });
const not = (child: Rule): Rule => ({ type: 'not', child });

/** The rule of a query that must parse without problems. */
function ruleOf(text: string): Rule {
  const { rule, problems } = parseQuery(text);
  expect(problems, text).toEqual([]);
  return rule;
}

/** Problems as [code, start, end, the text at those offsets]: positions must point into the text as typed. */
function problemsOf(text: string): [string, number, number, string][] {
  return parseQuery(text).problems.map((p) => [p.code, p.start, p.end, text.slice(p.start, p.end)]);
}

describe('contact search syntax', () => {
  it('splits free words from filters', () => {
    expect(ruleOf('müller kind:startup funded:no country:de topic:"Additive Fertigung" -key:yes')).toEqual(
      and(w('müller'), f('kind', 'startup'), f('funded', 'no'), f('country', 'DE'), f('topic', 'Additive Fertigung'), not(f('key', 'yes'))),
    );
  });

  it('understands German keys and yes/no words', () => {
    expect(ruleOf('gefördert:ja sprache:EN land:Fr einwilligung:newsletter')).toEqual(
      and(f('funded', 'yes'), f('lang', 'en'), f('country', 'FR'), f('consent', 'newsletter')),
    );
  });

  it('reports unknown keys and invalid values instead of throwing', () => {
    const { rule, problems } = parseQuery('colour:red kind:spaceship jana');
    expect(rule).toEqual(w('jana'));
    expect(problems.map((p) => [p.token, p.code, p.key])).toEqual([
      ['colour:red', 'unknown_key', 'colour'],
      ['kind:spaceship', 'bad_value', 'kind'],
    ]);
  });

  it('keeps e-mail addresses and URLs as words', () => {
    expect(ruleOf('jana@carbonwerk.example')).toEqual(w('jana@carbonwerk.example'));
    expect(ruleOf('https://www.carbonwerk.example')).toEqual(w('https://www.carbonwerk.example'));
  });

  it('round-trips through formatQuery', () => {
    const text = 'müller kind:startup topic:"Additive Fertigung" -stale:yes';
    expect(formatQuery(ruleOf(text))).toBe(text);
    expect(ruleOf(formatQuery(ruleOf(text)))).toEqual(ruleOf(text));
  });
});

describe('operators and groups', () => {
  it('OR and ODER (and | ||) make alternatives', () => {
    expect(ruleOf('a OR b')).toEqual(or(w('a'), w('b')));
    expect(ruleOf('a ODER b ODER c')).toEqual(or(w('a'), w('b'), w('c')));
    expect(ruleOf('a | b || c')).toEqual(or(w('a'), w('b'), w('c')));
    // Only the upper-case words are operators; "oder" in lower case is a word to search for.
    expect(ruleOf('a oder b')).toEqual(and(w('a'), w('oder'), w('b')));
  });

  it('AND binds tighter than OR: "a b OR c" is "(a AND b) OR c"', () => {
    expect(ruleOf('a b OR c')).toEqual(or(and(w('a'), w('b')), w('c')));
    expect(ruleOf('a OR b c')).toEqual(or(w('a'), and(w('b'), w('c'))));
    expect(ruleOf('a b OR c')).toEqual(ruleOf('(a b) OR c'));
    expect(ruleOf('a (b OR c)')).toEqual(and(w('a'), or(w('b'), w('c'))));
    // AND, UND and && may be written; they change nothing.
    expect(ruleOf('a AND b OR c')).toEqual(ruleOf('a b OR c'));
    expect(ruleOf('a UND b && c')).toEqual(and(w('a'), w('b'), w('c')));
  });

  it('NOT, NICHT, a leading minus and -( … ) negate', () => {
    expect(ruleOf('NOT a b')).toEqual(and(not(w('a')), w('b')));
    expect(ruleOf('NICHT kind:startup')).toEqual(not(f('kind', 'startup')));
    expect(ruleOf('-kind:startup')).toEqual(not(f('kind', 'startup')));
    expect(ruleOf('NICHT (a OR b)')).toEqual(not(or(w('a'), w('b'))));
    expect(ruleOf('-(a OR b) c')).toEqual(and(not(or(w('a'), w('b'))), w('c')));
    expect(ruleOf('-(a b)')).toEqual(not(and(w('a'), w('b'))));
    expect(ruleOf('a OR -b')).toEqual(or(w('a'), not(w('b'))));
    // Double negation cancels.
    expect(ruleOf('NICHT NICHT a')).toEqual(w('a'));
    expect(ruleOf('NOT -(a)')).toEqual(w('a'));
  });

  it('nests parentheses to any depth and flattens groups of the same kind', () => {
    expect(ruleOf('((a OR b) c) OR d')).toEqual(or(and(or(w('a'), w('b')), w('c')), w('d')));
    expect(ruleOf('(((a)))')).toEqual(w('a'));
    expect(ruleOf('a (b (c d))')).toEqual(and(w('a'), w('b'), w('c'), w('d')));
    expect(ruleOf('(a OR (b OR c))')).toEqual(or(w('a'), w('b'), w('c')));
    expect(ruleOf('-(a (b OR -(c d)))')).toEqual(not(and(w('a'), or(w('b'), not(and(w('c'), w('d')))))));
  });

  it('quotes keep spaces and parentheses inside one term', () => {
    expect(ruleOf('topic:"Additive Fertigung" OR topic:"Robotik (Service)"')).toEqual(or(f('topic', 'Additive Fertigung'), f('topic', 'Robotik (Service)')));
    expect(ruleOf('"a (b)" c')).toEqual(and(w('a (b)'), w('c')));
    expect(ruleOf('(org:"Lehrstuhl (TU)" OR x)')).toEqual(or(f('org', 'Lehrstuhl (TU)'), w('x')));
    expect(ruleOf('a -"b c"')).toEqual(and(w('a'), not(w('b c'))));
    // A quoted operator word is a word.
    expect(ruleOf('"ODER" "NOT"')).toEqual(and(w('ODER'), w('NOT')));
  });

  it('a parenthesis inside a word stays part of it: Lehrstuhl(TU)', () => {
    expect(ruleOf('Lehrstuhl(TU)')).toEqual(w('Lehrstuhl(TU)'));
    expect(ruleOf('(Lehrstuhl(TU) OR x)')).toEqual(or(w('Lehrstuhl(TU)'), w('x')));
    expect(ruleOf('a (Lehrstuhl(TU))')).toEqual(and(w('a'), w('Lehrstuhl(TU)')));
  });
});

describe('comparators', () => {
  it('ordered keys take <, <=, >, >= and =', () => {
    expect(ruleOf('verified:<2025-01-01')).toEqual(f('verified', '2025-01-01', '<'));
    expect(ruleOf('employees:>=50')).toEqual(f('employees', '50', '>='));
    expect(ruleOf('mitarbeiter:<=9 employees:>250')).toEqual(and(f('employees', '9', '<='), f('employees', '250', '>')));
    expect(ruleOf('employees:=50')).toEqual(f('employees', '50'));
    expect(ruleOf('geprüft:nie')).toEqual(f('verified', 'never'));
  });

  it('other keys refuse a comparator; "never" cannot be ordered', () => {
    expect(problemsOf('kind:<x')).toEqual([['bad_comparator', 0, 7, 'kind:<x']]);
    expect(problemsOf('kind:<startup')).toEqual([['bad_comparator', 0, 13, 'kind:<startup']]);
    expect(problemsOf('verified:<never')).toEqual([['bad_comparator', 0, 15, 'verified:<never']]);
    expect(problemsOf('employees:abc verified:2025-13-01')).toEqual([
      ['bad_value', 0, 13, 'employees:abc'],
      ['bad_value', 14, 33, 'verified:2025-13-01'],
    ]);
  });

  it('received: keeps its >= date inside the value', () => {
    expect(ruleOf('received:Leichtbau>=2026-01-01')).toEqual(f('received', 'Leichtbau>=2026-01-01'));
    expect(ruleOf('erhalten:*')).toEqual(f('received', '*'));
    expect(ruleOf('received:"Additive Fertigung>=2026-01-01"')).toEqual(f('received', 'Additive Fertigung>=2026-01-01'));
  });
});

describe('problems and their positions', () => {
  it('an unknown key and a bad value, after other terms', () => {
    expect(problemsOf('müller colour:red kind:spaceship')).toEqual([
      ['unknown_key', 7, 17, 'colour:red'],
      ['bad_value', 18, 32, 'kind:spaceship'],
    ]);
    expect(parseQuery('x colour:red').problems[0]?.key).toBe('colour');
    expect(problemsOf('topic:')).toEqual([['bad_value', 0, 6, 'topic:']]);
  });

  it('an unclosed "(" is closed at the end and reported where it opens', () => {
    const { rule } = parseQuery('a (b OR c');
    expect(rule).toEqual(and(w('a'), or(w('b'), w('c'))));
    expect(problemsOf('a (b OR c')).toEqual([['unbalanced', 2, 3, '(']]);
    expect(problemsOf('a -(b')).toEqual([['unbalanced', 2, 4, '-(']]);
  });

  it('a stray ")" is reported and ignored', () => {
    expect(parseQuery('a b)').rule).toEqual(and(w('a'), w('b')));
    expect(problemsOf('a b)')).toEqual([['unbalanced', 3, 4, ')']]);
    expect(problemsOf('a (b OR c)) d')).toEqual([['unbalanced', 10, 11, ')']]);
    expect(problemsOf(') a')).toEqual([['unbalanced', 0, 1, ')']]);
  });

  it('an OR or NOT without a term is dangling', () => {
    expect(parseQuery('a OR').rule).toEqual(w('a'));
    expect(problemsOf('a OR')).toEqual([['dangling_operator', 2, 4, 'OR']]);
    expect(problemsOf('ODER a')).toEqual([['dangling_operator', 0, 4, 'ODER']]);
    expect(problemsOf('a OR OR b')).toEqual([
      ['dangling_operator', 2, 4, 'OR'],
      ['dangling_operator', 5, 7, 'OR'],
    ]);
    expect(problemsOf('(a OR) b')).toEqual([['dangling_operator', 3, 5, 'OR']]);
    expect(problemsOf('a NICHT')).toEqual([['dangling_operator', 2, 7, 'NICHT']]);
    expect(problemsOf('(NOT) a')).toEqual([
      ['dangling_operator', 1, 4, 'NOT'],
      ['empty_group', 0, 1, '('],
    ]);
  });

  it('an empty group is reported and left out', () => {
    expect(parseQuery('a () b').rule).toEqual(and(w('a'), w('b')));
    expect(problemsOf('a () b')).toEqual([['empty_group', 2, 3, '(']]);
    expect(problemsOf('x (  ) y')).toEqual([['empty_group', 2, 3, '(']]);
    expect(problemsOf('-()')).toEqual([['empty_group', 0, 2, '-(']]);
    expect(parseQuery('()').rule).toEqual(and());
  });

  it('positions count characters of the text as typed, also when it holds decomposed umlauts', () => {
    // "u" + combining diaeresis, as pasted from macOS: one character more than "ü".
    const typed = 'Mu\u0308ller colour:red';
    expect(problemsOf(typed)).toEqual([['unknown_key', 8, 18, 'colour:red']]);
    expect(parseQuery(typed).rule).toEqual(w('Müller'));
    expect(ruleOf('gro\u0308\u00dfe:small')).toEqual(f('size', 'small'));
  });

  it('never throws, and keeps what it understood', () => {
    const text = '((a OR ) -(b c:d NICHT) OR ))) kind:startup "unclosed';
    expect(parseQuery(text).rule).toEqual(and(w('a'), not(w('b')), f('kind', 'startup'), w('unclosed')));
    expect(problemsOf(text)).toEqual([
      ['dangling_operator', 4, 6, 'OR'],
      ['unknown_key', 13, 16, 'c:d'],
      ['dangling_operator', 17, 22, 'NICHT'],
      ['dangling_operator', 24, 26, 'OR'],
      ['unbalanced', 28, 29, ')'],
      ['unbalanced', 29, 30, ')'],
    ]);
  });
});

describe('aliases', () => {
  it('German and English key names', () => {
    expect(
      ruleOf(
        'art:startup typ:university type:investor größe:small groesse:large mitglied:ja mitgliedschaft:member land:at ort:Ulm stadt:Linz netzwerk:EEN',
      ),
    ).toEqual(
      and(
        f('kind', 'startup'),
        f('kind', 'university'),
        f('kind', 'investor'),
        f('size', 'small'),
        f('size', 'large'),
        f('member', 'yes'),
        f('membership', 'member'),
        f('country', 'AT'),
        f('city', 'Ulm'),
        f('city', 'Linz'),
        f('network', 'EEN'),
      ),
    );
    expect(
      ruleOf(
        'beschäftigte:>10 thema:Leichtbau interesse:foreign_markets partnerregion:Tirol language:de anrede:frau funktion:CEO mail:carbonwerk ansprechpartner:nein schluessel:j',
      ),
    ).toEqual(
      and(
        f('employees', '10', '>'),
        f('topic', 'Leichtbau'),
        f('interest', 'foreign_markets'),
        f('region', 'Tirol'),
        f('lang', 'de'),
        f('salutation', 'frau'),
        f('function', 'CEO'),
        f('email', 'carbonwerk'),
        f('key', 'no'),
        f('key', 'yes'),
      ),
    );
    expect(
      ruleOf('veraltet:true geprueft:2025-01-01 schlagwort:VIP firma:Carbon organization:x projekt:LIGHT quelle:Messe wiedervorlage:due zielgruppe:"Key Contacts"'),
    ).toEqual(
      and(
        f('stale', 'yes'),
        f('verified', '2025-01-01'),
        f('tag', 'VIP'),
        f('org', 'Carbon'),
        f('org', 'x'),
        f('project', 'LIGHT'),
        f('source', 'Messe'),
        f('recontact', 'due'),
        f('segment', 'Key Contacts'),
      ),
    );
  });

  it('keys ignore case; free-text values keep theirs and are not translated', () => {
    expect(ruleOf('KIND:Startup Topic:Leichtbau tag:ja')).toEqual(and(f('kind', 'startup'), f('topic', 'Leichtbau'), f('tag', 'ja')));
  });
});

describe('formatQuery', () => {
  it('writes only the parentheses the meaning needs', () => {
    expect(formatQuery(or(and(w('a'), w('b')), w('c')))).toBe('a b OR c');
    expect(formatQuery(and(or(w('a'), w('b')), w('c')))).toBe('(a OR b) c');
    expect(formatQuery(not(or(w('a'), w('b'))))).toBe('-(a OR b)');
    expect(formatQuery(not(and(w('a'), w('b'))))).toBe('-(a b)');
    expect(formatQuery(and(and(w('a')), or(w('b'))))).toBe('a b');
    expect(formatQuery(and())).toBe('');
  });

  it('quotes what the tokenizer would otherwise read differently', () => {
    expect(formatQuery(and(w('ODER'), w('-x'), w('a b'), f('org', 'Lehrstuhl (TU)'), f('employees', '50', '>=')))).toBe(
      '"ODER" "-x" "a b" org:"Lehrstuhl (TU)" employees:>=50',
    );
    for (const text of ['"ODER" "-x" "a b" org:"Lehrstuhl (TU)" employees:>=50', 'a -(b OR -(c d)) verified:<2025-01-01 OR received:"Smart Factory>=2026-01-01"']) {
      expect(formatQuery(ruleOf(text))).toBe(text);
    }
  });
});

describe('referenceProblems', () => {
  const known: KnownNames = {
    topic: ['Leichtbau', 'Ätzen'],
    tag: ['VIP'],
    region: ['Tirol'],
    network: ['EEN'],
    project: [{ acronym: 'LIGHT', title: 'Leichtbau für Fahrzeuge' }],
  };
  const tokens = (text: string): string[] => referenceProblems(ruleOf(text), known).map((p) => p.token);

  it('names that exist, in any ASCII case, are fine', () => {
    expect(tokens('topic:leichtbau tag:vip region:TIROL network:een project:light project:fahrzeuge received:LEICHTBAU>=2026-01-01 received:*')).toEqual([]);
  });

  it('reports names that do not exist, once each, wherever they stand in the rule', () => {
    expect(tokens('topic:Gibtsnicht OR -(tag:Nope region:Atlantis) network:X project:NOPE received:Nichts>=2026-01-01 topic:Gibtsnicht')).toEqual([
      'topic:Gibtsnicht',
      'tag:Nope',
      'region:Atlantis',
      'network:X',
      'project:NOPE',
      'received:Nichts>=2026-01-01',
    ]);
    const [p] = referenceProblems(ruleOf('received:Nichts'), known);
    expect(p).toMatchObject({ code: 'unknown_reference', key: 'received' });
    expect(p?.message).toContain('topic named "Nichts"');
  });

  it('compares as the database does: other letters than A–Z keep their case', () => {
    // "ätzen" would match no one in SQL (NOCASE folds ASCII only), so it must be reported.
    expect(tokens('topic:Ätzen')).toEqual([]);
    expect(tokens('topic:ätzen')).toEqual(['topic:ätzen']);
    expect(tokens('topic:ÄTZEN')).toEqual([]);
  });

  it('keys that name nothing managed are never reported', () => {
    expect(tokens('org:Nirgendwo city:Atlantis kind:startup segment:Unbekannt')).toEqual([]);
  });
});

describe('renameReferences', () => {
  it('renames the name in every filter of the key, case folded as the database folds it', () => {
    const rule = ruleOf('topic:leichtbau OR -(received:LEICHTBAU>=2026-01-01 topic:ätzen) tag:leichtbau');
    expect(formatQuery(renameReferences(rule, 'topic', 'Leichtbau', 'Leichtbau & Faserverbund'))).toBe(
      'topic:"Leichtbau & Faserverbund" OR -(received:"Leichtbau & Faserverbund>=2026-01-01" topic:ätzen) tag:leichtbau',
    );
    // "Ätzen" and "ätzen" are two topics to the database; renaming one leaves the other alone.
    expect(renameReferences(rule, 'topic', 'Ätzen', 'Ätzverfahren')).toEqual(rule);
  });
});
