import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::mid-term-plan.mid-term-plan');
