import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::annual-plan.annual-plan');
