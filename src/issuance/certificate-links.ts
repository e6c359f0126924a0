/** Public URLs of everything Credence serves for one certificate number. */
export function certificateLinks(publicUrl: string, number: string) {
  return {
    verify: `${publicUrl}/verify/${number}`,
    pdf: `${publicUrl}/certificates/${number}.pdf`,
    credential: `${publicUrl}/credentials/${number}`,
    jwt: `${publicUrl}/credentials/${number}.jwt`,
    badge: `${publicUrl}/credentials/${number}/badge.png`,
  };
}
