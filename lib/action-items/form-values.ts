// The action-item form's values, and a new item's defaults. A plain module, not the form's
// "use client" file: a server page that imports a value from a client module gets a client
// reference, not the object (spreading it gave a new item's form undefined fields, so its
// priority did not default to P3 and the description's preview crashed).
export interface ActionItemFormValues {
  title: string;
  description: string;
  ownerId: string;
  dueDate: string;
  priority: string;
  type: string;
  status: string;
  wontDoReason: string;
  trackerUrl: string;
  whyNodeId: string;
}

export const blankActionItem: ActionItemFormValues = {
  title: "",
  description: "",
  ownerId: "",
  dueDate: "",
  priority: "P3",
  type: "",
  status: "OPEN",
  wontDoReason: "",
  trackerUrl: "",
  whyNodeId: "",
};
