/** The documents of one intervention, for the ladder card: `<InterventionDocuments interventionId kind? />`. */
export { InterventionDocuments } from './DocumentsCard';
