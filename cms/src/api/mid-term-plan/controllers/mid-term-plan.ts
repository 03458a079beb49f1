import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::mid-term-plan.mid-term-plan');
