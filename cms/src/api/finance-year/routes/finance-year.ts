import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::finance-year.finance-year');
