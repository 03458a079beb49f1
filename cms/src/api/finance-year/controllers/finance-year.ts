import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::finance-year.finance-year');
