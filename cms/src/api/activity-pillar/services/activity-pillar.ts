import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::activity-pillar.activity-pillar');
