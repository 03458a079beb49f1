import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::activity-guideline.activity-guideline');
