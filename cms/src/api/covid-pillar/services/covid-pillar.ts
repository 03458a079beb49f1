import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::covid-pillar.covid-pillar');
