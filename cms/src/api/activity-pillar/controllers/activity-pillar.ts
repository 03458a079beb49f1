import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::activity-pillar.activity-pillar');
