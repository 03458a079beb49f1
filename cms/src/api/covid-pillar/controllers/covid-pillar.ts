import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::covid-pillar.covid-pillar');
