import type { IncidentType } from '../../../src-shared/domain/cases';

export const INCIDENT_TYPE_LABELS: Record<IncidentType, string> = {
  theft: 'Theft or shoplifting',
  burglary: 'Burglary or break-in',
  robbery: 'Robbery',
  criminal_damage: 'Damage or vandalism',
  assault: 'Assault or threats',
  antisocial_behaviour: 'Antisocial behaviour',
  fraud: 'Fraud or scam',
  vehicle: 'Vehicle incident',
  other: 'Something else',
};
