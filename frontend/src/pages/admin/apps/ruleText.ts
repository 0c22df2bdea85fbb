import type { AppRule } from '../../../api/apps';
import type { Names } from '../useCatalog';

/** Who may enter an app, in words ("Holders of Pottery course or members of Makers"). */
export function ruleText(rule: AppRule, names: Names): string {
  if (rule.any_member) return 'Any member';
  if (rule.staff_only) return 'Staff only';
  const parts: string[] = [];
  if (rule.offer_ids.length) parts.push(`holders of ${rule.offer_ids.map((id) => names.offer(id)).join(' or ')}`);
  if (rule.community_ids.length) parts.push(`members of ${rule.community_ids.map((id) => names.community(id)).join(' or ')}`);
  const text = parts.join(', or ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
