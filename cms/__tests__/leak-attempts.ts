/**
 * The table of attempts to read what is not published with the site's read-only token. Each attempt
 * is one request; none may return a canary (a draft, an unpublished translation, an unpublished edit)
 * or, for an oracle attempt, any entry at all (a filter on draft text must not answer yes or no).
 *
 * Placeholders filled in by the suite: {draft} the draft-only initiative, {edited} the published
 * challenge with unpublished edits, {mission} the mission whose English is an unpublished
 * translation, {area} the draft-only vision area, {edition} an initiative published in both locales in
 * an edition whose annual plan is a draft (fiscal 2099; its slug is that of the draft initiative of
 * fiscal 2021). Oracle filters use the canaries' prefixes
 * (`CANARYD` …), which are not secret; the canaries' random middle part is.
 *
 * To add an attempt, add a line.
 */
export interface Attempt {
  name: string;
  /** A REST request: the path and query after the host. */
  rest?: string;
  /** A GraphQL query, sent as POST JSON unless `get` is set. */
  graphql?: string;
  variables?: Record<string, unknown>;
  /** Send the GraphQL query as a GET request. */
  get?: boolean;
  /** The path of the GraphQL endpoint, when probing its spelling. */
  endpoint?: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A filter on unpublished text: any entry in the answer is a leak. */
  oracle?: boolean;
}

const draftStatus = [
  'status=draft',
  'status=DRAFT',
  'status=Draft',
  'status[0]=draft',
  'status=draft&status=published',
  'status=published&status=draft',
];

export const attempts: Attempt[] = [
  // A draft edition: its entries are published, its annual plan is not.
  { name: 'REST entry of a draft edition', rest: '/api/initiatives/{edition}?locale=ja' },
  { name: 'REST entry of a draft edition, en', rest: '/api/initiatives/{edition}?locale=en' },
  { name: 'REST entry of a draft edition, all locales', rest: '/api/initiatives/{edition}?locale=*' },
  {
    name: 'REST list filtered to a draft edition',
    rest: '/api/initiatives?filters[edition][$eq]=2099&locale=ja',
    oracle: true,
  },
  {
    name: 'REST list filtered to a draft edition, $in',
    rest: '/api/initiatives?filters[edition][$in][0]=2021&filters[edition][$in][1]=2099&filters[slug][$eq]=canary-draft',
    oracle: true,
  },
  {
    name: 'REST oracle on the text of a draft edition',
    rest: '/api/initiatives?filters[text][$startsWith]=CANARYN&locale=*',
    oracle: true,
  },
  { name: 'REST annual plan of a draft edition', rest: '/api/annual-plans?filters[edition][$eq]=2099', oracle: true },
  { name: 'GraphQL entry of a draft edition', graphql: '{ initiative(documentId: "{edition}") { slug text } }' },
  {
    name: 'GraphQL entry of a draft edition, en',
    graphql: '{ initiative(documentId: "{edition}", locale: "en") { slug text } }',
  },
  {
    name: 'GraphQL list filtered to a draft edition',
    graphql: '{ initiatives(filters: { edition: { eq: 2099 } }) { slug text } }',
    oracle: true,
  },
  {
    name: 'GraphQL connection filtered to a draft edition',
    graphql: '{ initiatives_connection(filters: { edition: { gte: 2099 } }) { nodes { slug } pageInfo { total } } }',
    oracle: true,
  },
  {
    name: 'GraphQL oracle on the text of a draft edition, en',
    graphql: '{ initiatives(locale: "en", filters: { text: { startsWith: "CANARYN" } }) { slug } }',
    oracle: true,
  },
  // REST: asking for drafts, with every spelling of the path the router might accept.
  ...draftStatus.map((query) => ({
    name: `REST list, ${query}`,
    rest: `/api/initiatives?${query}&pagination[pageSize]=100`,
  })),
  { name: 'REST path in capitals', rest: '/API/initiatives?status=draft&pagination[pageSize]=100' },
  { name: 'REST path in mixed case', rest: '/Api/Initiatives?status=draft&pagination[pageSize]=100' },
  { name: 'REST path with a trailing slash', rest: '/api/initiatives/?status=draft&pagination[pageSize]=100' },
  { name: 'REST path with a double slash in front', rest: '//api/initiatives?status=draft&pagination[pageSize]=100' },
  { name: 'REST path with a double slash inside', rest: '/api//initiatives?status=draft&pagination[pageSize]=100' },
  { name: 'REST path with %2F', rest: '/api%2Finitiatives?status=draft&pagination[pageSize]=100' },
  { name: 'REST path with %2f after the prefix', rest: '/api%2finitiatives/{draft}?status=draft' },
  { name: 'REST path with a percent-encoded letter', rest: '/%61pi/initiatives?status=draft&pagination[pageSize]=100' },
  { name: 'REST path with ;', rest: '/api/initiatives;x?status=draft&pagination[pageSize]=100' },
  { name: 'REST path with /./', rest: '/api/./initiatives?status=draft&pagination[pageSize]=100' },
  { name: 'REST one draft entry', rest: '/api/initiatives/{draft}' },
  { name: 'REST one draft entry, ja', rest: '/api/initiatives/{draft}?locale=ja' },
  { name: 'REST one draft entry, capitals, status=draft', rest: '/API/initiatives/{draft}?locale=ja&status=draft' },
  { name: 'REST one draft entry, en, status=draft', rest: '/api/initiatives/{draft}?locale=en&status=draft' },
  { name: 'REST one draft entry, all locales', rest: '/api/initiatives/{draft}?locale=*' },
  {
    name: 'REST list filtered on the draft slug',
    rest: '/api/initiatives?filters[slug][$eq]=canary-draft',
    oracle: true,
  },
  {
    name: 'REST list filtered on the draft id',
    rest: '/api/initiatives?filters[documentId][$eq]={draft}',
    oracle: true,
  },
  {
    name: 'REST list filtered on draft text',
    rest: '/api/initiatives?filters[text][$startsWith]=CANARYD',
    oracle: true,
  },
  { name: 'REST list, publishedAt is null', rest: '/api/initiatives?filters[publishedAt][$null]=true', oracle: true },
  {
    name: 'REST list, $or publishedAt is null',
    rest: '/api/initiatives?filters[$or][0][publishedAt][$null]=true&filters[$or][1][slug][$eq]=canary-draft',
    oracle: true,
  },
  { name: 'REST publicationFilter', rest: '/api/initiatives?publicationFilter=never-published-document' },
  { name: 'REST hasPublishedVersion', rest: '/api/initiatives?hasPublishedVersion=false' },
  { name: 'REST all locales', rest: '/api/initiatives?locale=*&pagination[pageSize]=100' },
  // REST: a published entry with unpublished edits, and its relations.
  { name: 'REST edited entry', rest: '/api/challenges/{edited}?locale=ja' },
  { name: 'REST edited entry, status=draft', rest: '/api/challenges/{edited}?locale=ja&status=draft' },
  { name: 'REST edited entry, en, status=draft', rest: '/api/challenges/{edited}?locale=en&status=draft' },
  { name: 'REST populate the relation', rest: '/api/challenges?populate=area&locale=ja' },
  { name: 'REST populate everything', rest: '/api/challenges?populate=*&locale=en' },
  { name: 'REST populate localizations', rest: '/api/challenges?populate=localizations&pagination[pageSize]=100' },
  { name: 'REST populate localizations[populate]=*', rest: '/api/challenges?populate[localizations][populate]=*' },
  {
    name: 'REST populate localizations filtered on drafts',
    rest: '/api/challenges?populate[localizations][filters][publishedAt][$null]=true',
  },
  {
    name: 'REST populate the relation filtered on drafts',
    rest: '/api/challenges?populate[area][filters][publishedAt][$null]=true',
  },
  {
    name: 'REST filter on localizations (oracle)',
    rest: '/api/challenges?filters[localizations][title][$startsWith]=CANARYE',
    oracle: true,
  },
  {
    name: 'REST filter on localizations, publishedAt null (oracle)',
    rest: '/api/challenges?filters[localizations][publishedAt][$null]=true&filters[slug][$eq]=diverse-talent',
    oracle: true,
  },
  {
    name: 'REST filter on the relation (oracle)',
    rest: '/api/challenges?filters[area][title][$startsWith]=CANARYA',
    oracle: true,
  },
  {
    name: 'REST filter on the relation, publishedAt null (oracle)',
    rest: '/api/challenges?filters[area][publishedAt][$null]=true',
    oracle: true,
  },
  { name: 'REST sort on localizations', rest: '/api/challenges?sort=localizations.title:asc' },
  {
    name: 'REST fields of the edited entry, en, draft',
    rest: '/api/challenges?fields[0]=title&status=draft&locale=en',
  },
  { name: 'REST draft-only relation target', rest: '/api/vision-areas/{area}?locale=ja' },
  { name: 'REST draft-only relation target, draft', rest: '/api/vision-areas?status=draft&locale=en' },
  // REST: an unpublished translation of a published entry.
  { name: 'REST unpublished translation, list', rest: '/api/missions?locale=en' },
  { name: 'REST unpublished translation, one', rest: '/api/missions/{mission}?locale=en' },
  { name: 'REST unpublished translation, draft', rest: '/api/missions/{mission}?locale=en&status=draft' },
  {
    name: 'REST unpublished translation via localizations',
    rest: '/api/missions/{mission}?locale=ja&populate=localizations',
  },
  // REST: writing is refused (and so cannot be used to read back).
  { name: 'REST create', rest: '/api/initiatives', method: 'POST', body: { data: { slug: 'x' } } },
  { name: 'REST update a draft', rest: '/api/initiatives/{draft}', method: 'PUT', body: { data: { order: 1 } } },
  { name: 'REST delete', rest: '/api/initiatives/{draft}', method: 'DELETE' },

  // GraphQL: asking for drafts.
  { name: 'GraphQL list, status: DRAFT', graphql: '{ initiatives(status: DRAFT) { slug text } }' },
  {
    name: 'GraphQL connection, status: DRAFT',
    graphql: '{ initiatives_connection(status: DRAFT) { nodes { slug text } } }',
  },
  {
    name: 'GraphQL status in a variable',
    graphql: 'query ($s: PublicationStatus) { initiatives(status: $s) { slug text } }',
    variables: { s: 'DRAFT' },
  },
  { name: 'GraphQL alias', graphql: '{ a: initiatives(status: DRAFT) { text } b: initiatives { text } }' },
  {
    name: 'GraphQL fragment',
    graphql: 'query { initiatives(status: DRAFT) { ...F } } fragment F on Initiative { slug text }',
  },
  {
    name: 'GraphQL inline fragment',
    graphql: '{ initiatives(status: DRAFT) { ... on Initiative { text } } }',
  },
  { name: 'GraphQL one draft entry', graphql: '{ initiative(documentId: "{draft}") { text } }' },
  { name: 'GraphQL one draft entry, ja', graphql: '{ initiative(documentId: "{draft}", locale: "ja") { text } }' },
  { name: 'GraphQL one draft entry, DRAFT', graphql: '{ initiative(documentId: "{draft}", status: DRAFT) { text } }' },
  {
    name: 'GraphQL filter on draft text (oracle)',
    graphql: '{ initiatives(filters: { text: { startsWith: "CANARYD" } }) { slug documentId } }',
    oracle: true,
  },
  {
    name: 'GraphQL filter publishedAt null (oracle)',
    graphql: '{ initiatives(filters: { publishedAt: { null: true } }) { slug documentId } }',
    oracle: true,
  },
  {
    name: 'GraphQL connection filter publishedAt null (oracle)',
    graphql: '{ challenges_connection(filters: { publishedAt: { null: true } }) { nodes { slug title } } }',
    oracle: true,
  },
  {
    name: 'GraphQL publicationFilter',
    graphql: '{ initiatives(publicationFilter: NEVER_PUBLISHED_DOCUMENT) { slug text } }',
  },
  { name: 'GraphQL hasPublishedVersion', graphql: '{ initiatives(hasPublishedVersion: false) { slug text } }' },
  { name: 'GraphQL all locales', graphql: '{ initiatives(locale: "*") { slug text } }' },
  // GraphQL: the edited entry, its relation and its other versions.
  {
    name: 'GraphQL edited entry',
    graphql: '{ challenge(documentId: "{edited}", locale: "ja") { title area { title } } }',
  },
  { name: 'GraphQL edited entry, en', graphql: '{ challenge(documentId: "{edited}", locale: "en") { title } }' },
  {
    name: 'GraphQL localizations',
    graphql: '{ challenge(documentId: "{edited}", locale: "ja") { localizations { title } } }',
  },
  {
    name: 'GraphQL localizations filtered on publishedAt',
    graphql:
      '{ challenge(documentId: "{edited}", locale: "ja") { localizations(filters: { publishedAt: { notNull: false } }) { title } } }',
  },
  {
    name: 'GraphQL localizations_connection',
    graphql: '{ challenge(documentId: "{edited}", locale: "ja") { localizations_connection { nodes { title } } } }',
  },
  {
    name: 'GraphQL localizations in a list',
    graphql: '{ challenges { slug localizations { title publishedAt } } }',
  },
  {
    name: 'GraphQL filter on localizations (oracle)',
    graphql: '{ challenges(filters: { localizations: { title: { startsWith: "CANARYE" } } }) { slug documentId } }',
    oracle: true,
  },
  {
    name: 'GraphQL filter on localizations, publishedAt null (oracle)',
    graphql:
      '{ challenges(filters: { slug: { eq: "diverse-talent" }, localizations: { publishedAt: { null: true } } }) { slug } }',
    oracle: true,
  },
  {
    name: 'GraphQL filter on the relation (oracle)',
    graphql: '{ challenges(filters: { area: { title: { startsWith: "CANARYA" } } }) { slug documentId } }',
    oracle: true,
  },
  {
    name: 'GraphQL filter on the relation, publishedAt null (oracle)',
    graphql: '{ challenges(filters: { area: { publishedAt: { null: true } } }) { slug documentId } }',
    oracle: true,
  },
  {
    name: 'GraphQL relation with status: DRAFT',
    graphql: '{ challenges(locale: "en") { title area(status: DRAFT) { title } } }',
  },
  {
    name: 'GraphQL relation filtered on publishedAt',
    graphql: '{ challenges { area(filters: { publishedAt: { null: true } }) { title } } }',
  },
  {
    name: 'GraphQL reverse relation from the draft-only target',
    graphql: '{ visionAreas(status: DRAFT) { title } }',
  },
  { name: 'GraphQL draft-only relation target', graphql: '{ visionArea(documentId: "{area}") { title } }' },
  // GraphQL: the unpublished translation.
  { name: 'GraphQL unpublished translation, list', graphql: '{ missions(locale: "en") { slug title } }' },
  {
    name: 'GraphQL unpublished translation, one',
    graphql: '{ mission(documentId: "{mission}", locale: "en") { title } }',
  },
  {
    name: 'GraphQL unpublished translation, DRAFT',
    graphql: '{ mission(documentId: "{mission}", locale: "en", status: DRAFT) { title } }',
  },
  {
    name: 'GraphQL unpublished translation via localizations',
    graphql: '{ mission(documentId: "{mission}", locale: "ja") { localizations { title } } }',
  },
  // GraphQL: other ways in.
  { name: 'GraphQL over GET', graphql: '{ initiatives(status: DRAFT) { text } }', get: true },
  { name: 'GraphQL over GET, published list', graphql: '{ challenges(locale: "en") { title } }', get: true },
  { name: 'GraphQL endpoint in capitals', graphql: '{ initiatives(status: DRAFT) { text } }', endpoint: '/GRAPHQL' },
  {
    name: 'GraphQL endpoint with a trailing slash',
    graphql: '{ initiatives(status: DRAFT) { text } }',
    endpoint: '/graphql/',
  },
  {
    name: 'GraphQL batched requests',
    endpoint: '/graphql',
    method: 'POST',
    body: [{ query: '{ initiatives(status: DRAFT) { text } }' }, { query: '{ missions(locale: "en") { title } }' }],
  },
  {
    name: 'GraphQL mutation that would publish',
    graphql: 'mutation { updateInitiative(documentId: "{draft}", data: { order: 1 }, status: PUBLISHED) { text } }',
  },
];
