import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DemoSignInController } from './demo-sign-in.controller';

/** What the web workbench needs of the API beyond its data routes: the demo sign-in. */
@Module({ imports: [AuthModule], controllers: [DemoSignInController] })
export class WorkbenchModule {}
