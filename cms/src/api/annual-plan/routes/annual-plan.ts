import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::annual-plan.annual-plan');
