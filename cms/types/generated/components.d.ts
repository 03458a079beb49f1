import type { Schema, Struct } from '@strapi/strapi';

export interface PlanItem extends Struct.ComponentSchema {
  collectionName: 'components_plan_items';
  info: {
    description: 'One item of a list.';
    displayName: 'Item';
  };
  attributes: {
    text: Schema.Attribute.Text & Schema.Attribute.Required;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'plan.item': PlanItem;
    }
  }
}
