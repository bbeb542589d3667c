/** Plain rows produced by the generator: what the database will hold, with the 身份证号 still in clear. */
import type { CadreStatus, OrgLevel, OrgType } from '@jiandu/domain';

/** 省级 only for the province the scale seed puts above its cities (not a level of the org forms). */
export type SeedOrgLevel = OrgLevel | '省级';

export interface SeedOrg {
  id: string;
  parentId: string | null;
  /** Materialized path '/root/…/id/' exactly as services/orgs.service.ts builds it. */
  path: string;
  name: string;
  shortName: string | null;
  type: OrgType;
  level: SeedOrgLevel;
  managedBy: string | null;
  regionCode: string;
  flags: Record<string, boolean>;
  sortOrder: number;
}

export interface SeedTeam {
  id: string;
  orgId: string;
  name: string;
}

export interface SeedCadre {
  id: string;
  name: string;
  /** Plain 18-digit 身份证号 (fictional, valid check digit); encrypted only when inserted. */
  idNumber: string;
  gender: '男' | '女';
  birth: string;
  ethnicity: string;
  nativePlace: string;
  partyDate: string | null;
  workDate: string;
  educationFullTime: string;
  educationInService: string | null;
  rank: string;
  status: CadreStatus;
  orgId: string;
  regionCode: string;
}

export interface SeedTenure {
  id: string;
  cadreId: string;
  teamId: string;
  title: string;
  isPrincipal: boolean;
  domains: string[];
  rank: string;
  startDate: string;
  endDate: string | null;
}

/** A 分工调整 (tenure_domain): the tenure's 分管领域 from `effectiveDate` on. */
export interface SeedDomainChange {
  tenureId: string;
  domains: string[];
  effectiveDate: string;
  reason: string;
}

export interface SeedCounty {
  orgId: string;
  name: string;
  regionCode: string;
  /** The county's 组织部 (managed_by of the units inside the county). */
  orgDeptId: string;
}

export interface SeedCity {
  rootId: string;
  name: string;
  regionCode: string;
  orgDeptId: string;
  counties: SeedCounty[];
}

export interface SeedProvince {
  rootId: string;
  name: string;
  regionCode: string;
  orgDeptId: string;
}

export interface SeedData {
  seed: number;
  asOf: string;
  cities: SeedCity[];
  /** At province scale (more than one city): the 省委 above the city roots. */
  province?: SeedProvince | null;
  orgs: SeedOrg[];
  teams: SeedTeam[];
  cadres: SeedCadre[];
  tenures: SeedTenure[];
  domainChanges: SeedDomainChange[];
}

export interface SeedOptions {
  seed: number;
  /** Number of cadres; the organisation scales with it (≈10 cadres per team). */
  cadres: number;
  /** The "today" of the data (YYYY-MM-DD): no date lies after it. Default 2026-06-30. */
  asOf?: string;
}
