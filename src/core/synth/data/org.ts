/** Departments, titles and the share of staff in each. */

export interface DepartmentDef {
  readonly name: string;
  /** Relative share of regular staff. */
  readonly share: number;
  readonly titles: readonly string[];
}

export const DEPARTMENTS: readonly DepartmentDef[] = [
  { name: 'Sales', share: 20, titles: ['Account Executive', 'Sales Manager', 'Sales Representative', 'Inside Sales Specialist'] },
  { name: 'Finance', share: 10, titles: ['Accountant', 'Financial Analyst', 'Accounts Payable Specialist', 'Controller', 'Payroll Specialist'] },
  { name: 'Engineering', share: 22, titles: ['Software Engineer', 'Senior Software Engineer', 'QA Engineer', 'Engineering Manager'] },
  { name: 'Marketing', share: 9, titles: ['Marketing Manager', 'Content Strategist', 'Product Marketing Manager'] },
  { name: 'Operations', share: 12, titles: ['Operations Coordinator', 'Logistics Analyst', 'Facilities Manager'] },
  { name: 'Human Resources', share: 6, titles: ['HR Generalist', 'Recruiter', 'HR Business Partner'] },
  { name: 'Legal', share: 4, titles: ['Paralegal', 'Corporate Counsel', 'Compliance Officer'] },
  { name: 'IT', share: 7, titles: ['Systems Administrator', 'Service Desk Analyst', 'Network Engineer'] },
  { name: 'Customer Support', share: 10, titles: ['Support Specialist', 'Support Team Lead'] },
];

/** The executives every synthetic tenant has (all VIPs). */
export const EXECUTIVES: readonly { title: string; department: string }[] = [
  { title: 'Chief Executive Officer', department: 'Executive' },
  { title: 'Chief Financial Officer', department: 'Executive' },
  { title: 'Chief Operating Officer', department: 'Executive' },
  { title: 'General Counsel', department: 'Executive' },
];

export const CONTRACTOR_COMPANIES: readonly string[] = ['Brightline Consulting', 'Apex Staffing', 'Northbridge Partners', 'Keystone IT Services'];

export const PARTNER_DOMAINS: readonly string[] = ['partnerfirm.com', 'auditco.net', 'lawgroup.org', 'supplier-one.com'];
