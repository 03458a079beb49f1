import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::branch-cluster.branch-cluster');
