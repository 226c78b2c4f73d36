/**
 * The district's default document templates (监护干预文书), shipped as reference data: inserted
 * when no template exists yet (version 1, created_by null — the interface marks them as the
 * defaults to edit). An installation's own versions are never touched.
 */
import type pg from 'pg';
import { templateProblems, type TemplateKind } from '#common/guidance.js';
import * as repo from './repo.js';

export interface DefaultTemplate {
  code: string;
  kind: TemplateKind;
  title: string;
  body: string;
}

export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    code: 'admonition-notice',
    kind: 'admonition',
    title: '劝诫告知书',
    body: `劝诫告知书

{{监护人姓名}}（{{监护人关系}}）：

经{{街道}}{{居委}}居民委员会了解，您作为未成年人{{儿童姓名}}（{{儿童性别}}，{{出生日期}}出生）的监护人，存在以下情形：{{事由}}。

根据《中华人民共和国未成年人保护法》第十六条、第二十二条和《中华人民共和国家庭教育促进法》的规定，父母或者其他监护人应当依法履行监护职责，为未成年人提供生活、健康、安全等方面的保障。现对您予以劝诫，请您自即日起切实履行监护职责，改正上述情形。

居民委员会将持续关注儿童的生活和监护情况。如情形未改正，将报告街道并提请公安机关依法予以训诫。

如有困难，可向居民委员会或街道未成年人保护工作站求助。

经办人：{{经办人}}
{{单位}}
{{日期}}`,
  },
  {
    code: 'reprimand-request',
    kind: 'reprimand',
    title: '训诫建议函',
    body: `关于建议对监护人予以训诫的函

{{单位}}：

{{街道}}{{居委}}居民区未成年人{{儿童姓名}}（{{儿童性别}}，{{出生日期}}出生）的监护人{{监护人姓名}}（{{监护人关系}}）存在以下情形：{{事由}}。

居民委员会已于{{决定日期}}对其进行劝诫，情形仍未改正。根据《中华人民共和国未成年人保护法》第一百一十八条的规定，建议贵单位依法对该监护人予以训诫，并可以责令其接受家庭教育指导。

请将办理结果反馈我街道。

联系人：{{经办人}}
{{街道}}办事处
{{日期}}`,
  },
  {
    code: 'guidance-order-notice',
    kind: 'guidance_order',
    title: '家庭教育指导令送达与执行告知书',
    body: `家庭教育指导令送达与执行告知书

{{监护人姓名}}（{{监护人关系}}）：

{{单位}}于{{决定日期}}就未成年人{{儿童姓名}}的监护问题（{{事由}}）依法作出家庭教育指导令，责令您接受家庭教育指导，共 {{指导次数}} 次。

现将有关事项告知如下：
一、请您按照通知的时间、地点参加家庭教育指导，不得无故缺席；确有正当理由不能参加的，应当事先说明并另行安排。
二、指导的出勤情况将记录在案，并反馈作出指导令的单位。
三、拒不接受家庭教育指导的，作出指导令的单位可以依法予以训诫，情节严重的可以依法处理。

{{街道}}{{居委}}居民委员会将协助您参加指导。

送达人：{{经办人}}
送达日期：{{日期}}
受送达人签收：＿＿＿＿`,
  },
  {
    code: 'guardianship-petition-assist',
    kind: 'revocation_petition',
    title: '撤销监护资格/支持起诉协助函',
    body: `关于协助办理撤销监护人资格（支持起诉）事项的函

{{单位}}：

{{街道}}{{居委}}居民区未成年人{{儿童姓名}}（{{儿童性别}}，{{出生日期}}出生）的监护人{{监护人姓名}}（{{监护人关系}}）存在严重侵害未成年人合法权益的情形：{{事由}}。

此前已依次采取劝诫、训诫、家庭教育指导等措施，情形仍未改正。根据《中华人民共和国民法典》第三十六条和《中华人民共和国未成年人保护法》第一百零八条的规定，特函请贵单位依法协助办理撤销监护人资格申请（支持起诉）事宜。我街道将提供儿童档案中的走访、评估和干预记录等材料，并做好儿童的临时照护安排。

联系人：{{经办人}}
{{街道}}办事处
{{日期}}`,
  },
];

/** Inserts the defaults when the installation has no template at all (checked once, in the caller's transaction). */
export async function applyDefaultTemplates(client: pg.ClientBase): Promise<number> {
  if (await repo.anyTemplate(client)) return 0;
  for (const t of DEFAULT_TEMPLATES) {
    if (templateProblems(t.body).length) throw new Error(`default template ${t.code}: ${templateProblems(t.body).join('; ')}`);
    await repo.insertFirstTemplate(client, t);
  }
  return DEFAULT_TEMPLATES.length;
}
