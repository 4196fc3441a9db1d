import { SlackFunction } from "deno-slack-sdk/mod.ts";
import ConfigureRequestTypeFunction from "./definition.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import {
  deleteRequestType,
  getRequestType,
  putRequestType,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import {
  checkQueueEditor,
  refuseAdmin,
} from "../../slack/operations/queue_admin.ts";
import { queueNamed } from "../../helpdesk/queues/queue_names.ts";
import { requestTypeFromForm } from "../../helpdesk/request_types/request_type_form.ts";
import { requestTypeId } from "../../helpdesk/request_types/request_type.ts";
import { describeRequestType } from "../../slack/blocks/request_type_summary.ts";
import { queueList } from "../../slack/blocks/queue_summary.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { tellPerson } from "../../slack/operations/tell_person.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/operations/acting_person.ts";

export default SlackFunction(
  ConfigureRequestTypeFunction,
  async ({ inputs, client }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    const fail = refuseAdmin(client, admin, "The request type");
    try {
      const { settings, queues } = await settingsAndQueues(client);
      if (!settings) return await fail(escapeMrkdwn(NOT_CONFIGURED));
      const queue = queueNamed(queues, inputs.queue_name);
      if (!queue) {
        return await fail(
          `There is no queue called “${escapeMrkdwn(inputs.queue_name)}”. ${
            queueList(queues)
          }`,
        );
      }
      const allowed = await checkQueueEditor(client, settings, queue, admin);
      if (!allowed.ok) return await fail(allowed.reason);
      const now = Math.floor(Date.now() / 1000);
      const queueName = escapeMrkdwn(queue.name);
      if (inputs.remove) {
        const id = requestTypeId(queue.id, inputs.name);
        const existing = await getRequestType(client, id);
        if (!existing) {
          return await fail(
            `The ${queueName} queue has no request type “${
              escapeMrkdwn(inputs.name)
            }”.`,
          );
        }
        await deleteRequestType(client, id);
        await tellPerson(
          client,
          { user: admin },
          `:wastebasket: Removed the request type “${
            escapeMrkdwn(existing.name)
          }” from the ${queueName} queue. Its tickets stay as they are.`,
        ).catch(() => {});
        return { outputs: { request_type_id: id } };
      }
      const built = requestTypeFromForm(inputs, queue);
      if (!built.ok) {
        return await fail(built.problems.map(escapeMrkdwn).join(" "));
      }
      await putRequestType(client, built.type, admin, now);
      await tellPerson(
        client,
        { user: admin },
        `:white_check_mark: Saved.\n${describeRequestType(built.type, queue)}`,
      ).catch(() => {});
      return { outputs: { request_type_id: built.type.id } };
    } catch (error) {
      console.error("configure_request_type failed", error);
      return await fail(explainFailure(error));
    }
  },
);
