import * as z from 'zod';

/** The five roles of PRODUCT.md. A user may hold several; four-eyes rules look at the person, not the role. */
export const RoleSchema = z.enum(['adviser', 'om_liaison', 'area_manager', 'distributor', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  adviser: 'Communicatieadviseur',
  om_liaison: 'Contactpersoon OM',
  area_manager: 'Gebiedsmanager',
  distributor: 'Bezorger',
  admin: 'Beheerder',
};

/** Who is acting: enough for authorisation and the audit trail, nothing more. */
export const ActorSchema = z.object({
  userId: z.string().min(1),
  username: z.string().min(1),
  roles: z.array(RoleSchema).min(1),
});
export type Actor = z.infer<typeof ActorSchema>;
