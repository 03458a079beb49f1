import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::annual-plan.annual-plan');
