import {
  confluenceSearchUrl,
  cqlString,
  relatedDocsCql,
  scopeClause,
  spaceTextCql,
} from '../../../../src/core/confluence/related-docs-query';

describe('related docs CQL', () => {
  it('quotes and escapes every value, so finding text cannot change the query', () => {
    expect(cqlString('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    const cql = relatedDocsCql({ spaceKeys: ['SEC'], labels: [] }, { vulnClass: 'x") OR space = "HR' });
    expect(cql).toBe('type = page AND space in ("SEC") AND (text ~ "x\\") OR space = \\"HR")');
  });

  it('searches the chosen spaces or labels for any of CWE, class and repository', () => {
    expect(
      relatedDocsCql(
        { spaceKeys: ['SEC', 'ARCH'], labels: ['security'] },
        { cwe: 'CWE-89', vulnClass: 'SQL Injection', repository: 'acme/api' },
      ),
    ).toBe(
      'type = page AND (space in ("SEC", "ARCH") OR label in ("security")) AND (text ~ "CWE-89" OR text ~ "SQL Injection" OR text ~ "acme/api")',
    );
  });

  it('does not search without a scope or without terms', () => {
    expect(scopeClause({ spaceKeys: [], labels: [] })).toBeUndefined();
    expect(relatedDocsCql({ spaceKeys: [], labels: [] }, { cwe: 'CWE-89' })).toBeUndefined();
    expect(relatedDocsCql({ spaceKeys: ['SEC'], labels: [] }, { cwe: ' ', vulnClass: '--' })).toBeUndefined();
    expect(spaceTextCql([], 'sql')).toBeUndefined();
    expect(spaceTextCql(['SEC'], '  ')).toBeUndefined();
  });

  it('builds a Confluence search link that names no page', () => {
    expect(confluenceSearchUrl('https://acme.atlassian.net/', 'type = page')).toBe(
      'https://acme.atlassian.net/wiki/search?cql=type%20%3D%20page',
    );
  });
});
