import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::finance-year.finance-year');
