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
