import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::branch-cluster.branch-cluster');
