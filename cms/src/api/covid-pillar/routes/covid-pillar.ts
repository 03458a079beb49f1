import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::covid-pillar.covid-pillar');
