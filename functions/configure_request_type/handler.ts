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
  queueNamed,
  refuseAdmin,
} from "../../slack/operations/queue_admin.ts";
import { requestTypeFromForm } from "../../helpdesk/request_types/request_type_form.ts";
import { requestTypeId } from "../../helpdesk/request_types/request_type.ts";
import { describeRequestType } from "../../slack/blocks/request_type_summary.ts";
import { tellPerson } from "../../slack/operations/tell_person.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";

export default SlackFunction(
  ConfigureRequestTypeFunction,
  async ({ inputs, client }) => {
    const admin = inputs.admin;
    const fail = refuseAdmin(client, admin, "The request type");
    try {
      const { settings, queues } = await settingsAndQueues(client);
      if (!settings) return await fail(NOT_CONFIGURED);
      const queue = queueNamed(queues, inputs.queue_name);
      if (!queue) {
        return await fail(
          `There is no queue called “${inputs.queue_name}”. The queues are: ${
            queues.map((q) => q.name).join(", ")
          }.`,
        );
      }
      const allowed = await checkQueueEditor(client, queue, admin);
      if (!allowed.ok) return await fail(allowed.reason);
      const now = Math.floor(Date.now() / 1000);
      if (inputs.remove) {
        const id = requestTypeId(queue.id, inputs.name);
        const existing = await getRequestType(client, id);
        if (!existing) {
          return await fail(
            `The ${queue.name} queue has no request type “${inputs.name}”.`,
          );
        }
        await deleteRequestType(client, id);
        await tellPerson(
          client,
          { user: admin },
          `:wastebasket: Removed the request type “${existing.name}” from the ${queue.name} queue. Its tickets stay as they are.`,
        ).catch(() => {});
        return { outputs: { request_type_id: id } };
      }
      const built = requestTypeFromForm(inputs, queue);
      if (!built.ok) return await fail(built.problems.join(" "));
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
