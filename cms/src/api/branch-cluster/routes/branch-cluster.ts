import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::branch-cluster.branch-cluster');
