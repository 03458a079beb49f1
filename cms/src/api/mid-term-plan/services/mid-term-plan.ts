import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::mid-term-plan.mid-term-plan');
