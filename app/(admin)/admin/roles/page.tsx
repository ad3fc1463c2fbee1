import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { PERMISSIONS, permissionFitsRole, ROLE_LABELS } from '@/lib/auth/permissions';
import { rolePermissionMatrix } from '@/lib/data/roles';
import { RoleForm } from './role-form';

export const metadata = { title: 'Роли и права' };

export default async function RolesPage() {
  const user = await requireUser();
  const matrix = await rolePermissionMatrix(user);
  if (!matrix) redirect('/forbidden');
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">Роли и права</h1>
      <p className="mb-4 max-w-3xl text-muted">Права каждой роли в вашей школе. Изменения действуют для всех пользователей роли со следующего запроса. Отдельному пользователю дополнительные права выдаются на его странице.</p>
      <div className="grid gap-4 lg:grid-cols-2">
        {matrix.roles.map((role) => (
          <RoleForm key={role} role={role} label={ROLE_LABELS[role]}
            permissions={matrix.permissions.filter((p) => permissionFitsRole(p, role)).map((p) => ({ value: p, label: PERMISSIONS[p], checked: matrix.has(role, p) }))} />
        ))}
      </div>
    </div>
  );
}
