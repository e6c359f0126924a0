/** The `Achievement.id` of a course's credentials. */
export function achievementUrl(publicUrl: string, tenantSlug: string, courseId: string): string {
  return `${publicUrl}/issuers/${tenantSlug}/achievements/${encodeURIComponent(courseId)}`;
}

/**
 * The URL of a course's default achievement image: the credential's `Achievement.image` when the
 * course sets no image of its own, so wallets, LinkedIn and verifiers always have one to show.
 */
export function achievementImageUrl(publicUrl: string, tenantSlug: string, courseId: string): string {
  return `${achievementUrl(publicUrl, tenantSlug, courseId)}/image.png`;
}
