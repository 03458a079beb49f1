/**
 * The fixed value sets of the model, in a module without zod so that browser code (the site's
 * island) can import them without shipping the schemas.
 */

/** The two columns of initiatives: the focus areas and the COVID-19 response. */
export const initiativeColumns = ['focus', 'covid'] as const;

/** The three headings both columns are grouped under. */
export const initiativeCategories = ['managementSupport', 'memberServices', 'policyRegional'] as const;

export type InitiativeColumn = (typeof initiativeColumns)[number];
export type InitiativeCategory = (typeof initiativeCategories)[number];

/** The name of the edition's field on every entry. */
export const editionFieldName = 'edition';

/** How much a published change matters: major ones make the public updates page and feed. */
export const changeKinds = ['major', 'minor'] as const;
export type ChangeKind = (typeof changeKinds)[number];
