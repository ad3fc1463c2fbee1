-- The new right 'school:settings' (lib/auth/permissions.ts) for the administrators of the schools
-- that exist already; a school created from now on gets it with its default role permissions.
INSERT INTO "role_permissions" ("school_id", "role", "permission")
SELECT "id", 'ADMIN'::"Role", 'school:settings' FROM "schools"
ON CONFLICT DO NOTHING;
